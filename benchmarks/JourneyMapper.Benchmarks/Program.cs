using System.Globalization;
using BenchmarkDotNet.Running;
using JourneyMapper.Benchmarks;

if (args is ["memory", ..])
{
    MemoryProbe.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Workload.Keys);
    return;
}

if (args is ["profile", ..])
{
    Profile.Run(rounds: 3, only: args.ElementAtOrDefault(1));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SessionWindowBenchmarks).Assembly).Run(args);
