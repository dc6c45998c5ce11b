using System.CommandLine;
using JourneyMapper.Worker.Cli;

// The commands of SPEC.md: no arguments runs the service; `dev` runs it on an embedded cluster;
// `generate` feeds a cluster with a synthetic clickstream. Signals are left to the Generic Host,
// which stops the service cleanly.
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await JourneyMapperCommands.Root().Parse(args).InvokeAsync(configuration);
