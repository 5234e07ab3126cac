namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>The write options of a request: dryRun=All, fieldValidation, fieldManager.</summary>
internal sealed record WriteOptions(bool DryRun, string FieldValidation, string? FieldManager)
{
    public static readonly WriteOptions Default = new(false, "Warn", null);
}
