# HIV c1:c2 profile (Rcapture closedpCI.t example: 12308 [10266, 14992.3])
args: -M c1:c2 -c profile -f csv data/HIV.csv
exit: 0
