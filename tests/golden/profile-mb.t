# hare Mb profile interval, beyond Rcapture (R numerical rebuild: 79.0577 [70.0073, 107.1006])
args: -m Mb -c profile -f csv data/hare.csv
exit: 0
