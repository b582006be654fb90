# 25 lists collapsed onto 3 with --lists: dense again, so the log-linear
# model takes it
args: --lists L01,L02,L03 -f csv tests/data/sim-25-lists.csv
exit: 0
tolerance: 1e-9
