"""The proposal: models, the durable file, Markdown interchange, versions. Knows the call, nothing else."""
