# lcm --samples 3
args: -m lcm --samples 3 data/Kosovo.csv
exit: 2
