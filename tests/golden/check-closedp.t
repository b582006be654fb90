# -m Mth-chao: Rcapture's model on every table
tool: mse-check
args: -m Mth-chao -p lolo,fit,verdict -f text data/hare.csv
exit: 0
