# syntax=docker/dockerfile:1
#
# JourneyMapper worker image.
#   docker build -t journeymapper:local .
#   docker run --rm journeymapper:local              # run the service (configure via JOURNEYMAPPER__* env vars)
#   docker run --rm journeymapper:local generate ... # any subcommand of the worker executable
#
# Base images: the .NET 10 images are Ubuntu 24.04 "noble" (.NET 10 ships no Debian images; the plain
# `10.0` tag is the same image as `10.0-noble`). The OS is pinned in the tag because the runtime stage
# installs an OS package (librdkafka1) whose name and version depend on the distro.

# ---- build ------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src

# Shared MSBuild settings first; they decide package versions and how Confluent.Kafka is brought in
# (PackageDownload of the managed assembly only, see Directory.Build.targets).
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props JourneyMapper.sln ./
COPY src/ src/

# Restore and publish the worker project only: tests/ is not in the build context (.dockerignore),
# so the solution as a whole would not restore.
RUN dotnet restore src/JourneyMapper.Worker/JourneyMapper.Worker.csproj
RUN dotnet publish src/JourneyMapper.Worker/JourneyMapper.Worker.csproj \
        --configuration Release \
        --no-restore \
        --no-self-contained \
        --output /app

# ---- runtime ----------------------------------------------------------------------------------------
# The ASP.NET Core runtime image: the worker's health and metrics endpoints run on Kestrel, so it needs the
# Microsoft.AspNetCore.App framework, which the plain `runtime` image lacks.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime

# Confluent.Kafka is taken without librdkafka.redist, so the native client must come from the OS:
# librdkafka1 provides librdkafka.so.1, which KafkaNativeLibrary resolves at startup.
RUN apt-get update \
    && apt-get install -y --no-install-recommends librdkafka1 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY --from=build /app ./

# Run as the unprivileged `app` user that the .NET images define (APP_UID=1654).
# /app stays root-owned and read-only to it; /tmp is writable for scratch/state files.
USER $APP_UID

# The state stores live on the managed heap, and every event allocates a little. A 64 MiB gen0 budget cuts collections
# about tenfold and raises throughput by about a quarter (BENCHMARKS.md); the default follows the CPU's cache size, a few
# MiB on small VMs. Only this environment variable sets it: runtimeconfig.json has no knob for it.
ENV DOTNET_GCgen0size=0x4000000

# librdkafka allocates every fetched message with malloc. Where transparent huge pages are on for memory that asks for
# them (the kernel's default `madvise` mode), this has glibc ask for them, so fresh memory faults in once per 2 MiB
# rather than once per 4 KiB: a restore of 1,000,000 sessions took a fifth less CPU (BENCHMARKS.md). The session
# stores' own slabs ask for huge pages themselves.
ENV GLIBC_TUNABLES=glibc.malloc.hugetlb=1

# The runtime starts counting a method's calls toward compiling it optimized only once 100 ms have passed without a new
# method compiled. A service that has just started compiles new methods all along (hosting, the endpoints, the restore
# itself), so a restore ran its hot code unoptimized for its first two seconds. Without the delay a restore of
# 1,000,000 sessions runs about a fifth faster, and the steady state measured the same within the runs' spread
# (BENCHMARKS.md).
# A runtime setting of the environment only, as the gen0 budget is.
ENV DOTNET_TC_CallCountingDelayMs=0

ENTRYPOINT ["dotnet", "JourneyMapper.Worker.dll"]
