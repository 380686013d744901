"""``iop init``: the files of a new repository of agreements."""
