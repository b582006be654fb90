# 25 lists: Chao's lower bound needs only n, f1 and f2, which a sparse
# table gives as a dense one does (the estimator against its references:
# tests/unit/test_closed)
args: -m chao -f csv tests/data/sim-25-lists.csv
exit: 0
tolerance: 1e-9
