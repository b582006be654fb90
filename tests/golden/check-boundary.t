# an extended MLE says boundary: A:C=-inf, B:C=-inf in its status
tool: mse-check
args: -M "A:C + B:C" -f text data/Artificial_3.csv
exit: 0
# tolerance: an exactly fitted cell has residuals of rounding noise (sqrt of ~1e-15, up to 1e-7), which another libm moves; 1e-6 absolute
tolerance: 1e-9 1e-6
