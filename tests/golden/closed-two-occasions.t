# Seber's two occasions: only M0, Mt, Mb (Rcapture 2805.6, 2389.9, 1295.0)
args: -m closed -f csv tests/data/good-two-occasions.csv
exit: 0
