# --model and --select
tool: mse-check
args: -M L1:L2 -s bic data/HAV.csv
exit: 2
