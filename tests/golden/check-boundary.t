# an extended MLE says boundary: A:C=-inf, B:C=-inf in its status
tool: mse-check
args: -M "A:C + B:C" -f text data/Artificial_3.csv
exit: 0
