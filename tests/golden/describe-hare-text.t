# hare as text (mse-describe(1) example; Rcapture descriptive)
tool: mse-describe
args: -f text data/hare.csv
exit: 0
