using System.Globalization;
using BenchmarkDotNet.Running;
using JourneyMapper.Benchmarks;
using JourneyMapper.Benchmarks.Journeys;

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

if (args is ["topology", ..])
{
    JourneyHarness.Run(args);
    return;
}

if (args is ["topology-allocations", ..])
{
    JourneyAllocations.Run(args);
    return;
}

if (args is ["topology-memory", ..])
{
    JourneyMemoryProbe.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SessionWindowBenchmarks).Assembly).Run(args);
