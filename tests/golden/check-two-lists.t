# two lists: no LOLO, no merge, closed-form bounds
tool: mse-check
args: -l L1,L2 -f text data/HAV.csv
exit: 0
# tolerance: an exactly fitted cell has residuals of rounding noise (sqrt of ~1e-15, up to 1e-7), which another libm moves; 1e-6 absolute
tolerance: 1e-9 1e-6
