/// One foreground request (`reprise generate`): the exact body, its hash and the diagnostics
/// the result records.
package struct SingleImagePlan: Sendable {
  /// The final prompt sent.
  package let prompt: String
  /// The seed sent.
  package let seed: Int64
  /// Resolved request parameters.
  package let parameters: RequestParameters
  /// The exact body bytes.
  package let body: [UInt8]
  /// Hex sha256 of `body`.
  package let requestSHA256: String
  /// The rails after defaults.
  package let rails: RailSettings
  /// Edit-intent phrases found in the user's prompt.
  package let editIntent: [String]
  /// The baseline, if any.
  package let baseline: BaselineRecord?

  /// Plans one request. The prompt is sent as given unless a baseline, must-keep items, locks or
  /// a strength add constraint lines; the seed is `--seed` or derived from the request itself.
  package static func plan(_ options: VariantOptions, baseline: BaselineImage?, editIntent: [String]) -> SingleImagePlan {
    let rails = RailSettings(
      strength: options.variationStrength, lockPalette: options.lockPalette, lockComposition: options.lockComposition, hasBaseline: baseline != nil)
    var constraints = PromptComposer.constraintLines(
      hasBaseline: baseline != nil, mustKeep: options.mustKeep, lockPalette: rails.lockPalette, lockComposition: rails.lockComposition, strength: rails.strength
    )
    if !rails.strengthIsExplicit { constraints.removeLast() }
    let prompt = constraints.isEmpty ? options.prompt : PromptComposer.composeSingle(userPrompt: options.prompt, constraints: constraints)
    let parameters =
      (try? options.requestParameters())
      ?? RequestBuilder.parameters(
        capabilities: options.capabilities, choice: options.transport, aspectRatio: options.aspectRatio, imageSize: options.imageSize)
    let seed: Int64
    if let given = options.seed {
      seed = given
    } else {
      let unseeded = RequestBuilder.bytes(model: options.model, parameters: parameters, prompt: prompt, seed: 0, baselineURL: baseline?.requestURL)
      let d = SHA256.hash(unseeded).bytes
      seed = (Int64(d[0]) << 24 | Int64(d[1]) << 16 | Int64(d[2]) << 8 | Int64(d[3])) & 0x7FFF_FFFF
    }
    let body = RequestBuilder.bytes(model: options.model, parameters: parameters, prompt: prompt, seed: seed, baselineURL: baseline?.requestURL)
    return SingleImagePlan(
      prompt: prompt, seed: seed, parameters: parameters, body: body, requestSHA256: SHA256.hash(body).hexString, rails: rails, editIntent: editIntent,
      baseline: baseline?.record)
  }
}
