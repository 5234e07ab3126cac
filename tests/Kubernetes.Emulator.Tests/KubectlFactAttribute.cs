namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

/// <summary>A fact that drives the real kubectl; skipped, saying why, only where kubectl is not installed.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.Path is null)
        {
            Skip = "kubectl is not installed (looked for /usr/bin/kubectl and on PATH); these tests run the real kubectl against the emulator.";
        }
    }
}
