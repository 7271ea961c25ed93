using System.Xml.Linq;

namespace HaScheduler.Deploy.Tests.Support;

/// <summary>Project references read from the csproj files, as repository-relative paths with '/'.</summary>
public static class ProjectGraph
{
    /// <summary>The project and every project it references, directly or not.</summary>
    public static IReadOnlySet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (seen.Add(current))
            {
                foreach (var reference in References(current))
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    public static string AssemblyName(string project)
    {
        var document = XDocument.Load(RepositoryRoot.File(project));
        return document.Descendants("AssemblyName").Select(element => element.Value).SingleOrDefault()
            ?? Path.GetFileNameWithoutExtension(project);
    }

    private static IEnumerable<string> References(string project)
    {
        var folder = Path.GetDirectoryName(RepositoryRoot.File(project))!;
        var document = XDocument.Load(RepositoryRoot.File(project));
        return document.Descendants("ProjectReference")
            .Select(element => element.Attribute("Include")!.Value.Replace('\\', '/'))
            .Select(include => Path.GetFullPath(Path.Combine(folder, include)))
            .Select(path => Path.GetRelativePath(RepositoryRoot.Path, path))
            .Select(path => path.Replace('\\', '/'));
    }
}
