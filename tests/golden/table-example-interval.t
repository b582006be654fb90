# mse-table(1) example: mse-fit data/Western.csv | mse-table -I estimate,lower,upper=Anslag -r 0 -t ' ' -c model,observed,estimate
tool: mse-table
args: -I estimate,lower,upper=Anslag -r 0 -t ' ' -c model,observed,estimate
exit: 0
stdin: tests/data/western-fit.csv
