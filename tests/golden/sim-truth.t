# the true stratum sizes
tool: mse-sim
args: -f csv -n 101 -l A=0.3,B=0.2 -b year=2015..2017 -b gender=kvinne:0.7,mann:0.3 -t
exit: 0
