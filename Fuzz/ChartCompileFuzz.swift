import ChartCompiler
import ChartResolver
import ChartScene
import CountyData
import CountyQuery
import Foundation
import Specs

// libFuzzer entry: any bytes as a chart spec, with inline values or over a small dataset, through the
// resolver and the compiler into a scene drawn on a recording canvas: a located error or a scene, never
// a crash; compiling fails only with a `ChartError`.
let dataset = DatasetLoader.loadCSV(
    Array(
        """
        地区,上级,指标,年份,数值,单位
        新邵县,邵阳市,地区生产总值,2022,180.5,亿元
        新邵县,邵阳市,地区生产总值,2023,190.25,亿元
        隆回县,邵阳市,地区生产总值,2023,233.0109,亿元
        新邵县,邵阳市,地区生产总值增速,2023,-4.5,%
        新邵县,邵阳市,三次产业结构,2023,19.4:36.3:44.3,%
        邵阳市,,地区生产总值,2023,2800.4,亿元

        """.utf8), file: "fuzz.csv")
let query = DataQuery(dataset: dataset)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChartCompile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let spec = try? ChartSpec.read(SpecNode.parse(text, file: "fuzz.yaml"), folder: ""),
        let chart = try? ChartResolution.chart(spec, query: query, defaultPeriod: .year(2023))
    else { return 0 }
    let measurer = FixedAdvanceMeasurer()
    let canvas = RecordingCanvas(measurer: measurer)
    for (w, h) in [(1200.0, 675.0), (300.0, 200.0)] {
        do {
            let scene = try chart.compile(size: Size(w, h), measurer: measurer)
            canvas.draw(scene)
        } catch is ChartError {
        } catch {
            preconditionFailure("compiling threw \(error), not a ChartError")
        }
    }
    return 0
}
