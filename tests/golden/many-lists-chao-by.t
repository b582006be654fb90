# 25 lists, Chao's bound per stratum and the total
args: -m chao --by year,kjønn -f csv tests/data/sim-25-lists-by.csv
exit: 0
tolerance: 1e-9
