# -m lcm refused with the reason
tool: mse-check
args: -m lcm data/HAV.csv
exit: 2
