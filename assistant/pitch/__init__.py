"""Round 2 of the call: the pitch outline and the questions the jury will ask. Above review, below the interfaces."""
