# mse-table --interval: Norwegian style, a missing bound is NA, all missing is a dash
tool: mse-table
args: -I estimate,lower,upper -r 0 -t ' ' -p , tests/data/table-interval.csv
exit: 0
