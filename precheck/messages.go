package precheck

import (
	"fmt"
	"strings"
)

// Lang is a message language.
type Lang string

// Languages with messages.
const (
	English Lang = "en"
	Chinese Lang = "zh"
)

// ParseLang returns the language named by s ("en", "zh", "zh-CN", "en-US", ...), English by default.
func ParseLang(s string) Lang {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "zh") {
		return Chinese
	}
	return English
}

// messages holds, per code, what to do first and why second, in English and Chinese.
var messages = map[Code][2]string{
	CodeNoDocument: {
		"No document found. Place the card on a plain, contrasting surface and fill most of the frame with it.",
		"未识别到证件。请把证件放在颜色与之反差明显的纯色桌面上，并让证件占据画面的大部分。",
	},
	CodeCutoff: {
		"Part of the document is outside the photo (%s). Move back so that all four corners are inside the frame, with a little margin.",
		"证件不完整（%s）。请把手机拿远一些，让证件的四个角都在画面内并留出少量边距。",
	},
	CodeBlur: {
		"The photo is blurry. Hold the phone steady, tap the card to focus, and use more light so the shutter is fast.",
		"照片模糊。请拿稳手机，点击屏幕上的证件对焦，并在更亮的地方拍摄。",
	},
	CodeGlare: {
		"Glare covers part of the document. Turn off the flash and tilt the card a little so the reflection moves off the text.",
		"证件上有反光，遮住了部分信息。请关闭闪光灯，稍微倾斜证件，让反光离开文字区域。",
	},
	CodeShadow: {
		"A shadow falls across the document. Light it evenly from the side or from above, and keep your hand and phone from casting a shadow.",
		"证件上有阴影。请在均匀的光线下拍摄，光从侧面或上方照射，避免手或手机的影子落在证件上。",
	},
	CodeTooDark: {
		"The photo is too dark. Move to a bright, evenly lit place; daylight near a window works well.",
		"光线不足，请在明亮均匀的光线下重拍（例如白天靠近窗户的地方）。",
	},
	CodeTooBright: {
		"The photo is overexposed: the print is washed out. Move out of direct sunlight and turn off the flash.",
		"照片过亮，证件上的字迹发白看不清。请避开阳光直射，并关闭闪光灯。",
	},
	CodeLowResolution: {
		"The document is too small in the photo. Move closer so that the card fills most of the frame.",
		"证件在照片中太小。请靠近一些，让证件占据画面的大部分。",
	},
	CodeTilted: {
		"The document is photographed at a steep angle. Hold the phone parallel to the card.",
		"拍摄角度过斜。请让手机与证件保持平行。",
	},
	CodeOccluded: {
		"Something covers %s. Hold the card by its edges, or lay it flat on a cleared table, keep fingers and objects off it, and retake the photo.",
		"证件的%s被遮挡。请只捏住证件边缘，或把证件平放在清理干净的桌面上，不要让手指或其他物品压住证件，然后重新拍摄。",
	},
	CodeUnreadable: {
		"The %s could not be read. Retake the photo: sharp, with no glare or shadow over the text.",
		"无法识别%s。请重新拍摄：保持清晰，文字上不要有反光或阴影。",
	},
	CodeExpired: {
		"The document expired on %s. Use a valid document, or renew it first.",
		"证件已于%s过期。请使用有效期内的证件，或先办理换证。",
	},
	CodeInvalidIDNumber: {
		"The ID number on the document does not pass its check-digit rule. Retake the photo; if this persists, the document may be damaged or not genuine.",
		"证件上的身份证号码未通过校验。请重新拍摄；如果仍然如此，证件可能已损坏或不是真实证件。",
	},
	CodeMRZInvalid: {
		"The machine-readable lines at the bottom of the document do not check out. Retake the photo with those lines sharp and free of glare.",
		"证件底部的机读码校验失败。请重新拍摄，确保机读码清晰、无反光。",
	},
	CodeNameMismatch: {
		"The name you typed differs from the document%s. Type the name exactly as printed; for Latin names, surname and given names as on the document.",
		"您输入的姓名与证件不一致%s。请按证件上印刷的姓名原样输入。",
	},
	CodeIDNumberMismatch: {
		"The ID number you typed differs from the document%s. Type the number exactly as printed.",
		"您输入的证件号码与证件不一致%s。请按证件上的号码原样输入。",
	},
	CodeBirthDateMismatch: {
		"The birth date you typed differs from the document%s. Enter the date as on the document.",
		"您输入的出生日期与证件不一致%s。请按证件上的日期输入。",
	},
	CodeExpiryMismatch: {
		"The expiry date you typed differs from the document%s. Enter the expiry as on the document.",
		"您输入的有效期与证件不一致%s。请按证件上的有效期输入。",
	},
}

var cornerWords = map[string][2]string{
	"top_left":     {"top-left corner", "左上角"},
	"top_right":    {"top-right corner", "右上角"},
	"bottom_right": {"bottom-right corner", "右下角"},
	"bottom_left":  {"bottom-left corner", "左下角"},
}

var fieldWords = map[string][2]string{
	"name":       {"name", "姓名"},
	"id_number":  {"ID number", "证件号码"},
	"birth_date": {"birth date", "出生日期"},
	"expiry":     {"expiry date", "有效期"},
	"mrz":        {"machine-readable zone", "机读码"},
	"portrait":   {"portrait photo", "人像照片"},
	"validity":   {"validity period", "有效期限"},
}

// reasonWords explain a mismatch (Issue.Reason); each starts with its own separator.
var reasonWords = map[string][2]string{
	"one_character": {": one character differs", "：有一个字符不同"},
	"length":        {": it has a different number of characters", "：字符数量不同"},
	"traditional":   {": a traditional Chinese character was typed where the document has the simplified one (or the other way round)", "：输入了繁体字（或简体字），与证件上的写法不同"},
	"full_width":    {"; check that your input method is in half-width mode", "；请确认输入法处于半角模式"},
	"unparsed_date": {": the date could not be understood", "：无法识别输入的日期"},
}

// tentativeWords end the message of a finding read from a photo that failed a photo check.
var tentativeWords = [2]string{
	" This was read from a photo that must be retaken and may be a misreading: retake the photo first.",
	"此结果读取自需要重拍的照片，可能有误：请先重新拍摄。",
}

// Message returns the message for an issue in lang.
func Message(is Issue, lang Lang) string {
	m := message(is, lang)
	if is.Tentative {
		m += tentativeWords[langIndex(lang)]
	}
	return m
}

func langIndex(lang Lang) int {
	if lang == Chinese {
		return 1
	}
	return 0
}

func message(is Issue, lang Lang) string {
	k := langIndex(lang)
	tmpl, ok := messages[is.Code]
	if !ok {
		return string(is.Code)
	}
	switch is.Code {
	case CodeCutoff:
		var names []string
		for _, c := range is.Corners {
			names = append(names, cornerWords[c][k])
		}
		sep := ", "
		if k == 1 {
			sep = "、"
		}
		what := strings.Join(names, sep)
		if what == "" {
			what = [2]string{"an edge", "边缘"}[k]
		}
		return fmt.Sprintf(tmpl[k], what)
	case CodeOccluded:
		if is.Field == "portrait" {
			return portraitMessage[k]
		}
		return fmt.Sprintf(tmpl[k], occludedWhat(is, k))
	case CodeUnreadable:
		w := fieldWords[is.Field][k]
		if w == "" {
			w = is.Field
		}
		return fmt.Sprintf(tmpl[k], w)
	case CodeExpired:
		return fmt.Sprintf(tmpl[k], is.Detail)
	case CodeNameMismatch, CodeIDNumberMismatch, CodeBirthDateMismatch, CodeExpiryMismatch:
		return fmt.Sprintf(tmpl[k], reasonWords[is.Reason][k])
	}
	return tmpl[k]
}

// portraitMessage is the message of an occluded issue naming the portrait (Field "portrait").
var portraitMessage = [2]string{
	"The portrait photo on the document cannot be seen; something may cover it. Keep fingers and objects off the photo, avoid glare on it, and retake the photo.",
	"无法识别证件上的人像照片，可能被遮挡。请不要用手指或其他物品遮住照片，避免照片上有反光，然后重新拍摄。",
}

// occludedWhat names what an occluded issue says is covered: the corners, or else the print.
func occludedWhat(is Issue, k int) string {
	if len(is.Corners) > 0 {
		var names []string
		for _, c := range is.Corners {
			names = append(names, cornerWords[c][k])
		}
		if k == 1 {
			return strings.Join(names, "、")
		}
		return "the document's " + strings.Join(names, ", ")
	}
	return [2]string{"part of the document's text", "部分文字信息"}[k]
}
