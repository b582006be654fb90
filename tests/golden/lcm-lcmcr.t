# lcm --lcmcr, seed 1: LCMCR's chain (note B.5)
args: -m lcm --lcmcr --chains 1 --samples 10 --burnin 10000 --thin 100 -f csv data/Kosovo.csv
exit: 0
