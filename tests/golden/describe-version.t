# mse-describe --version
tool: mse-describe
args: --version
exit: 0
