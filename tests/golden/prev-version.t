# mse-prevalence --version
tool: mse-prevalence
args: --version
exit: 0
