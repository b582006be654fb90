# -c profile with a closed form
tool: mse-check
args: -m chao -c profile data/HAV.csv
exit: 2
