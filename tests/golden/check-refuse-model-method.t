# --model needs loglinear
tool: mse-check
args: -m chao -M L1:L2 data/HAV.csv
exit: 2
