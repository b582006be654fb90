# mse-sim unknown option
tool: mse-sim
args: --frobnicate -n 10 -l A=0.5,B=0.5
exit: 2
