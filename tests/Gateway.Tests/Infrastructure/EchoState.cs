namespace ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

/// <summary>
/// One state folder for every gateway the echo tests start, one after the other (their
/// collection runs alone): the stand-in function is built once, and each later gateway only
/// re-checks that build, as a user's second `dotnet run` does. Each test still starts its own
/// gateway; a gateway that was killed outright leaves nothing that stops the next (the state
/// folder's lock dies with its process).
/// </summary>
public sealed class EchoState : IDisposable
{
    private readonly TempDirectory _directory = new("echo-state");

    public EchoState()
    {
        StackFile = EchoStack.Write(_directory);
        Kubeconfig = _directory.WriteFile("kubeconfig", "apiVersion: v1\nkind: Config\n");
    }

    internal string StackFile { get; }

    /// <summary>A "real cluster" the echo functions are pointed at and never call.</summary>
    internal string Kubeconfig { get; }

    internal string StateDirectory => _directory.Combine("state");

    public void Dispose() => _directory.Dispose();
}
