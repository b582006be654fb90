# json: one object, a member per part
tool: mse-check
args: -f json data/HAV.csv
exit: 0
