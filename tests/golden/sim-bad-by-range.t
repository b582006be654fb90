# --by with a reversed range
tool: mse-sim
args: -n 100 -l A=0.5,B=0.5 -b year=2016..2012
exit: 2
