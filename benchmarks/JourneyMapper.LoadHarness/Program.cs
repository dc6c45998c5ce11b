using System.CommandLine;
using JourneyMapper.LoadHarness;

// The load harness of BENCHMARKS.md. SIGTERM and Ctrl-C cancel the run (children are stopped in turn); the
// pass-through child gets time to flush and commit.
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await BenchCommand.Create().Parse(args).InvokeAsync(configuration);
