# lcm --alpha-prior with a negative rate
args: -m lcm --alpha-prior 0.25,-1 data/Kosovo.csv
exit: 2
