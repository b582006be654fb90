# Artificial_3: warnings on stderr (mse-describe(1) example)
tool: mse-describe
args: data/Artificial_3.csv
exit: 0
