# --max-sweeps is the budget of the rounds: not with --samples
args: -m lcm --max-sweeps 1000 --samples 100 data/Kosovo.csv
exit: 2
