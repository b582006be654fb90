# --ci with -m lcm
args: -m lcm -c wald data/Kosovo.csv
exit: 2
