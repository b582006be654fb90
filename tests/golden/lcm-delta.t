# --delta with -m lcm
args: -m lcm --delta 1 data/Kosovo.csv
exit: 2
