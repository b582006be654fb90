# --max-iterations is the budget of the rounds: not with a fixed run
args: -m dga --max-iterations 100000 --iterations 20000 data/UKdat.csv
exit: 2
