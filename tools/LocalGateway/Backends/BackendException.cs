namespace ImageCacheFunctions.LocalGateway.Backends;

/// <summary>A backend could not be started; the message says which and why.</summary>
internal sealed class BackendException : Exception
{
    public BackendException(string message)
        : base(message)
    {
    }

    public BackendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BackendException()
    {
    }
}
