namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>ECI calls a pass made (each page of DescribeImageCaches counts once).</summary>
public sealed record EciCallCounts(int Describe, int Create, int Update, int Delete)
{
    /// <summary>Calls that change ECI.</summary>
    public int Mutations => Create + Update + Delete;
}
