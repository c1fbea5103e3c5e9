module example.com/beta

go 1.21

require example.com/alpha v0.0.0
