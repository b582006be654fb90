# --missing names a list that --lists does not have
tool: mse-sim
args: -n 100 -l A=0.5,B=0.5 -b gender=f,m --missing gender=0.1,Z=0.3
exit: 2
