"""Financial consequences of a trajectory's variants: cost items, allocation keys, who pays what."""
