# mse-sim --version
tool: mse-sim
args: --version
exit: 0
