using ImageCacheFunctions.LocalGateway.Tests.BuildContext;

namespace ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

/// <summary>
/// Tests that build functions or start gateways: one at a time, since each is a handful of
/// processes competing for the same cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SlowProcesses : ICollectionFixture<StackBuild>, ICollectionFixture<EchoState>, ICollectionFixture<DockerfileWorkspace>
{
    public const string Name = "slow processes";
}
