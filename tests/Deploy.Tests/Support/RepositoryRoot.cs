namespace HaScheduler.Deploy.Tests.Support;

/// <summary>The checkout the tests run from: the nearest folder up that holds HaScheduler.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string File(params string[] relative) =>
        System.IO.Path.Combine([Path, .. relative]);

    public static string ReadAllText(params string[] relative) => System.IO.File.ReadAllText(File(relative));

    private static string Find()
    {
        var start = new DirectoryInfo(AppContext.BaseDirectory);
        for (var folder = start; folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(folder.FullName, "HaScheduler.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds HaScheduler.sln.");
    }
}
