# 10^9 people, an exact independence fit: N = 819000000 (closed form), converged
args: tests/data/edge-billion.csv
exit: 0
